// Identity groups as people write them in attacks. The lexicon matches "<group> are vermin", not
// any mention of a group, so listing a group here never makes a neutral sentence about it toxic.
const GROUPS = [
  'women', 'men', 'girls', 'females', 'males', 'gays', 'gay (?:people|men)', 'lesbians', 'bisexuals', 'queers?', 'homosexuals',
  'trans (?:people|women|men|folks?)', 'transgender (?:people|women|men)', 'transsexuals', 'non-binary people',
  'blacks', 'black (?:people|folks|men|women)', 'whites', 'white (?:people|folks|men|women)', 'asians', 'asian (?:people|men|women)',
  'jews', 'jewish people', 'muslims', 'islamists', 'christians', 'catholics', 'hindus', 'sikhs', 'buddhists', 'atheists', 'mormons',
  'immigrants', 'migrants', 'refugees', 'asylum seekers', 'illegals', 'foreigners', 'mexicans', 'latinos', 'latinas', 'hispanics',
  'arabs', 'africans', 'chinese(?: people)?', 'indians', 'pakistanis', 'native americans', 'indigenous people', 'aboriginals',
  'gypsies', 'roma(?: people)?', 'romani people', 'irish(?: people)?', 'poles', 'russians', 'ukrainians', 'palestinians', 'israelis',
  'disabled people', 'the disabled', 'cripples', 'autistic people', 'the mentally ill', 'mentally ill people', 'deaf people', 'blind people',
  'old people', 'the elderly', 'boomers', 'poor people', 'the poor', 'homeless people', 'the homeless', 'fat people',
]
export const GROUP = `(?:${GROUPS.join('|')})`
