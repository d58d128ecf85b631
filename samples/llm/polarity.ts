// Whether a phrase says something bad or good about a person: enough to match "Who struggled?"
// with "kept mistyping the password" and "Who set it up easily?" with "was done in minutes".
// Word stems, matched at the start of a word.

const NEGATIVE = [
  'struggl', 'mistyp', 'forgot', 'forget', 'missed', 'miss ', 'late', 'lost', 'lose', 'fail', 'broke', 'crash', 'fired', 'arrest', 'lied', 'liar', 'cheat',
  'rude', 'lazy', 'mistake', 'error', 'wrong', 'trouble', 'difficult', 'problem', 'hurt', 'injur', 'twisted', 'angry', 'yell', 'argu', 'spill', 'stole',
  'steal', 'theft', 'slipp', 'knife', 'weapon', 'gun', 'danger', 'removed', 'complain', 'fight', 'punch', 'hit ', 'drunk', 'drinks', 'bad', 'worse', 'worst',
  'poor', 'untrust', 'suspicious', 'guilty', 'violent', 'aggress', 'threat', 'abus', 'neglect', 'careless', 'reckless', 'unqualified', 'incompetent',
  'confus', 'slow', 'scream', 'cried', 'panic', 'quit', 'dropped out', 'gave up', 'stopped at', 'had to ask', 'needed help', 'had to be helped', 'blamed',
]
const POSITIVE = [
  'easil', 'easy', 'quick', 'fast', 'done in', 'finish', 'remember', 'early', 'on time', 'led ', 'lead', 'decade', 'good', 'great', 'excel', 'best', 'better',
  'qualif', 'skill', 'expert', 'experience', 'background', 'in charge', 'promot', 'praise', 'award', 'won ', 'win', 'succe', 'innocent', 'cleared', 'honest',
  'trust', 'calm', 'kind', 'avoid', 'walk away', 'sober', 'water', 'careful', 'safe', 'polite', 'friendly', 'patient', 'punctual', 'organi', 'responsib',
  'reliable', 'competent', 'capable', 'talented', 'smart', 'brilliant', 'glowing', 'helped others', 'arrived early', 'sorted', 'volunteer',
]
// Words that turn the polarity of what follows: "not dangerous", "less qualified", "avoid the fight".
const NEGATORS = /^(?:not|never|no|didn't|don't|doesn't|wasn't|weren't|isn't|couldn't|less|avoid|avoided|without|un)$/

/** Above zero: the phrase speaks well of its subject; below zero: badly. */
export function polarity(phrase: string): number {
  const words = phrase.toLowerCase().replace(/n't\b/g, " n't").match(/[a-z']+/g) ?? []
  let score = 0
  let negateWithin = 0
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? ''
    if (NEGATORS.test(word) || word === "n't") {
      // "never showed up" is bad news even with nothing after it that the lexicon knows.
      if (word === 'never') score -= 0.5
      negateWithin = 3
      continue
    }
    const rest = `${words.slice(i).join(' ')} `
    const value = POSITIVE.some((p) => rest.startsWith(p)) ? 1 : NEGATIVE.some((n) => rest.startsWith(n)) ? -1 : 0
    if (value !== 0) score += negateWithin > 0 ? -value : value
    if (negateWithin > 0) negateWithin--
  }
  return score
}
