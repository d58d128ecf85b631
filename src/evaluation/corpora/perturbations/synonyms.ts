// A small synonym table for label-preserving word swaps in classifier inputs: common words in
// reviews, messages and support tickets, each with replacements that keep the meaning (and the
// sentiment) of the sentence.
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  good: ['great', 'fine', 'nice', 'decent'], great: ['excellent', 'superb', 'wonderful'], bad: ['poor', 'awful', 'lousy'],
  terrible: ['dreadful', 'horrible', 'atrocious'], awful: ['terrible', 'dreadful'], excellent: ['outstanding', 'superb'],
  happy: ['glad', 'pleased', 'delighted'], sad: ['unhappy', 'down', 'gloomy'], angry: ['furious', 'annoyed', 'irate'],
  movie: ['film', 'picture'], film: ['movie'], book: ['novel'], buy: ['purchase', 'get'], bought: ['purchased', 'got'],
  big: ['large', 'huge'], small: ['little', 'tiny'], fast: ['quick', 'rapid', 'speedy'], slow: ['sluggish', 'unhurried'],
  cheap: ['inexpensive', 'low-cost'], expensive: ['pricey', 'costly'], broken: ['damaged', 'faulty'], help: ['assist', 'aid'],
  need: ['require'], want: ['wish', 'would like'], start: ['begin'], begin: ['start'], end: ['finish'], finish: ['complete', 'end'],
  said: ['stated', 'mentioned'], tell: ['inform'], show: ['display', 'reveal'], get: ['obtain', 'receive'], received: ['got'],
  money: ['cash', 'funds'], free: ['complimentary', 'no-cost'], now: ['immediately', 'right away'], today: ['this day'],
  urgent: ['pressing', 'critical'], account: ['profile'], click: ['tap', 'press'], call: ['phone', 'ring'], win: ['earn', 'take home'],
  prize: ['award', 'reward'], offer: ['deal', 'promotion'], love: ['adore', 'enjoy'], hate: ['detest', 'loathe'], like: ['enjoy'],
  boring: ['dull', 'tedious'], funny: ['amusing', 'hilarious'], beautiful: ['lovely', 'gorgeous'], ugly: ['unattractive', 'hideous'],
  easy: ['simple', 'straightforward'], hard: ['difficult', 'tough'], problem: ['issue', 'trouble'], quickly: ['rapidly', 'swiftly'],
  really: ['truly', 'very'], very: ['extremely', 'really'], totally: ['completely', 'entirely'], rude: ['impolite', 'discourteous'],
  dirty: ['filthy', 'unclean'], clean: ['spotless', 'tidy'], friendly: ['kind', 'welcoming'], staff: ['employees', 'team'],
  service: ['support', 'assistance'], price: ['cost'], waste: ['squander'], worst: ['poorest', 'most awful'], best: ['finest', 'top'],
}
