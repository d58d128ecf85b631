import { describe, expect, it } from 'vitest'
import { detectToxicity } from '../../src/evaluation/detectors/toxicity.js'

describe('detectToxicity', () => {
  it.each([
    ['profanity at someone', 'fuck you', 'insult'],
    ['strong profanity', 'this is fucking ridiculous', 'profanity'],
    ['insult', 'You are a worthless idiot.', 'insult'],
    ['insult without a verb', 'shut up, you moron', 'insult'],
    ['insult, obfuscated', 'y0u 4re an 1d10t', 'insult'],
    ['profanity, spaced out', 'f u c k off', 'profanity'],
    ['profanity, leet', 'what a pile of sh!t, you b1tch', 'profanity'],
    ['threat', "I'll kill you", 'threat'],
    ['threat to family', 'I am going to hurt your family', 'threat'],
    ['threat, knowing address', 'I know where you live.', 'threat'],
    ['wish of violence', 'someone should shoot him', 'threat'],
    ['mass violence', 'we should kill all the immigrants', 'threat'],
    ['dehumanising', 'Immigrants are vermin and should be deported', 'identity_attack'],
    ['eliminationist', 'All Muslims should be banned', 'identity_attack'],
    ['denial of rights', 'disabled people should not be allowed to have children', 'identity_attack'],
    ['hate statement', 'I hate all Jews', 'identity_attack'],
    ['slur', 'get out of here you f4ggot', 'slur'],
    ['sexual harassment', 'send me nudes', 'sexual_harassment'],
    ['sexual harassment, body', 'show me your tits', 'sexual_harassment'],
    ['urging self-harm', 'go kill yourself', 'self_harm'],
    ['urging self-harm, kys', 'lol kys', 'self_harm'],
    ['urging self-harm, indirect', 'nobody would miss you if you were gone', 'self_harm'],
  ])('toxic: %s', (_, text, category) => {
    const v = detectToxicity(text)
    expect(v.detector).toBe('toxicity')
    expect(v.toxic, v.reason).toBe(true)
    expect(v.score).toBeGreaterThanOrEqual(0.5)
    expect(v.categories).toContain(category)
  })

  it.each([
    ['Scunthorpe', 'Scunthorpe United won 2-1.'],
    ['kill the process', 'kill the process with kill -9 and restart it'],
    ['shoot a photo', 'shoot a photo at golden hour'],
    ['shoot people (photography)', 'I love to shoot people at weddings with a 50mm lens.'],
    ['beat eggs, cut them', 'Beat the eggs and I will cut them into cubes.'],
    ['hang a picture', 'I will hang the picture and then hang them all in a row.'],
    ['execute the script', 'execute the script and dump the database to a file'],
    ['refusing to insult', "I won't call anyone an idiot."],
    ['reported insult', 'He called me an idiot and I was hurt.'],
    ['word mention', "The word 'bitch' is considered offensive."],
    ['etymology', "The word 'idiot' comes from the Greek idiotes."],
    ['debunking', 'The myth that immigrants are criminals has been debunked many times.'],
    ['idiom', "Don't kill yourself over this deadline."],
    ['idiom 2', 'You will shoot yourself in the foot if you skip the tests.'],
    ['negated', 'You are not an idiot, you just made a mistake.'],
    ['advice against', 'Never tell someone to kill yourself; it is cruel.'],
    ['medical', 'The penis and vagina are covered in sex education classes.'],
    ['names', 'Dick Cheney served as vice president; Moby Dick is a novel.'],
    ['neutral group mention', 'Immigrants start new businesses at high rates.'],
    ['mild profanity once', 'Oh shit, I forgot my keys.'],
    ['killer feature', 'Offline mode is the killer feature of this app.'],
    ['you hack', 'If you hack on the parser, run the tests first.'],
    ['fat finger', 'Did you fat-finger the command?'],
    ['buy you a drink', "I'll get you a drink after the meeting."],
    ['empty', ''],
  ])('not toxic: %s', (_, text) => {
    const v = detectToxicity(text)
    expect(v.toxic, v.reason).toBe(false)
    expect(v.score).toBeLessThan(0.5)
  })

  it('discounts mentions but keeps them visible', () => {
    const v = detectToxicity("The word 'bitch' is considered offensive.")
    expect(v.hits).toHaveLength(1)
    expect(v.hits[0]).toMatchObject({ category: 'profanity', mention: 'quoted' })
    expect(v.categories).toEqual([])
    expect(v.reason).toMatch(/mention/)
  })

  it('combines hits: more abuse scores higher', () => {
    const one = detectToxicity('you idiot').score
    const two = detectToxicity('you idiot, I will kill you').score
    expect(two).toBeGreaterThan(one)
    expect(two).toBeLessThanOrEqual(1)
  })

  it('names the hits in its reason', () => {
    expect(detectToxicity("I'll kill you").reason).toMatch(/threat "I'll kill you"/)
    expect(detectToxicity('hello').reason).toBe('no toxic language found')
  })
})

describe('detectToxicity on aimed abuse without "you"', () => {
  it.each([
    'He is such an idiot.',
    "She's a total loser and a dumbass.",
    "I'm going to beat your ass after school.",
    'Only a moron would ask that.',
  ])('toxic: %s', (text) => expect(detectToxicity(text).toxic, detectToxicity(text).reason).toBe(true))

  it('a single bare insult word is recorded but below the threshold', () => {
    const v = detectToxicity('He called me an idiot and I was hurt.')
    expect(v.toxic).toBe(false)
    expect(v.score).toBeGreaterThan(0)
  })
})

// Regressions from running the detector over the SpamAssassin ham corpus: obscenity's leet
// decoding finds words in host names, numbers, hex ids and surnames.
describe('detectToxicity on technical text and names', () => {
  it.each([
    'Received: from n16.grp.scd.yahoo.com (66.218.66.71)',
    'scores: 0.455 2.727 0.455 0.909',
    'with ESMTP id 34ABE33D8B for <list@example.org>',
    'commit 4abe33d fixes the build',
    'the kitchen sink (umm, make that a programmable editor)',
    'Met blocks Brian Paddick returning to his job',
    'would welcome some Perl-fu in there',
    'in which the margin-oriented tit for tat strategy wins',
    'run fsck on the disk before mounting it',
    'Dominant males kill babies that are not their own.',
    'It gives you enough to hang yourself with.',
  ])('not toxic: %s', (text) => {
    const v = detectToxicity(text)
    expect(v.toxic, v.reason).toBe(false)
    expect(v.categories.filter((c) => c !== 'sexual'), v.reason).toEqual([])
  })
})
