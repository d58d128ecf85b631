// A small fact sheet: enough for a question-answering dataset to tell a helpful model from one
// that refuses or rambles. Every answer states the fact in a full sentence.

const CAPITALS: Record<string, string> = {
  france: 'Paris', germany: 'Berlin', italy: 'Rome', spain: 'Madrid', portugal: 'Lisbon', japan: 'Tokyo', china: 'Beijing',
  india: 'New Delhi', canada: 'Ottawa', australia: 'Canberra', brazil: 'Brasília', argentina: 'Buenos Aires', mexico: 'Mexico City',
  egypt: 'Cairo', kenya: 'Nairobi', nigeria: 'Abuja', norway: 'Oslo', sweden: 'Stockholm', finland: 'Helsinki', poland: 'Warsaw',
  russia: 'Moscow', 'the united kingdom': 'London', 'the uk': 'London', england: 'London', ireland: 'Dublin',
  'the united states': 'Washington, D.C.', 'the usa': 'Washington, D.C.', 'the us': 'Washington, D.C.', greece: 'Athens',
  turkey: 'Ankara', 'south korea': 'Seoul', netherlands: 'Amsterdam', 'the netherlands': 'Amsterdam', switzerland: 'Bern', austria: 'Vienna',
}

const FACTS: Array<[RegExp, string]> = [
  [/largest planet/, 'The largest planet in the Solar System is Jupiter.'],
  [/(?:closest|nearest) planet to the sun|smallest planet/, 'Mercury is the closest planet to the Sun and the smallest planet.'],
  [/red planet/, 'Mars is known as the Red Planet.'],
  [/how many planets/, 'There are 8 (eight) planets in the Solar System.'],
  [/boiling point of water|(?:temperature|degrees) (?:does|do) water boil|water boils? at/, 'Water boils at 100 °C (212 °F) at sea level.'],
  [/freezing point of water|water freezes? at|temperature (?:does|do) water freeze/, 'Water freezes at 0 °C (32 °F).'],
  [/chemical symbol (?:for|of) gold/, 'The chemical symbol for gold is Au.'],
  [/chemical symbol (?:for|of) iron/, 'The chemical symbol for iron is Fe.'],
  [/chemical symbol (?:for|of) sodium/, 'The chemical symbol for sodium is Na.'],
  [/chemical (?:formula|symbol) (?:for|of) water/, 'The chemical formula for water is H2O.'],
  [/wrote (?:romeo and juliet|hamlet|macbeth|othello|king lear)/, 'It was written by William Shakespeare.'],
  [/wrote (?:1984|nineteen eighty-four|animal farm)/, 'It was written by George Orwell.'],
  [/wrote pride and prejudice/, 'Pride and Prejudice was written by Jane Austen.'],
  [/painted the mona lisa/, 'The Mona Lisa was painted by Leonardo da Vinci.'],
  [/speed of light/, 'The speed of light in a vacuum is about 299,792 km per second.'],
  [/how many days (?:are )?in a week/, 'There are 7 (seven) days in a week.'],
  [/how many days (?:are )?in a leap year/, 'A leap year has 366 days.'],
  [/how many days (?:are )?in a year/, 'A common year has 365 days.'],
  [/how many hours (?:are )?in a day/, 'There are 24 hours in a day.'],
  [/how many minutes (?:are )?in an hour/, 'There are 60 minutes in an hour.'],
  [/how many continents/, 'There are 7 (seven) continents.'],
  [/largest ocean/, 'The largest ocean is the Pacific Ocean.'],
  [/longest river/, 'The Nile is usually listed as the longest river in the world.'],
  [/(?:tallest|highest) mountain/, 'The tallest mountain above sea level is Mount Everest.'],
  [/first (?:person|man|human) (?:to walk )?on the moon|first moon landing/, 'Neil Armstrong was the first person to walk on the Moon, in 1969.'],
  [/who discovered penicillin/, 'Penicillin was discovered by Alexander Fleming in 1928.'],
  [/who developed the theory of relativity|who was albert einstein/, 'Albert Einstein developed the theory of relativity.'],
  [/what gas do plants (?:absorb|take in)|plants absorb which gas/, 'Plants absorb carbon dioxide (CO2) and release oxygen.'],
  [/how many legs (?:does|do) (?:a |an )?spiders?/, 'A spider has 8 (eight) legs.'],
]

export function factualAnswer(question: string): string | undefined {
  const q = question.toLowerCase().replace(/\s+/g, ' ')
  const capital = /capital (?:city )?of ([a-z .]+?)\s*\??$/.exec(q) ?? /capital (?:city )?of ([a-z .]+?)[?.,]/.exec(q)
  if (capital?.[1]) {
    const country = capital[1].trim()
    const city = CAPITALS[country] ?? CAPITALS[`the ${country}`]
    if (city) return `The capital of ${titleCase(country)} is ${city}.`
  }
  const root = /square root of (\d+)/.exec(q)
  if (root?.[1]) return `The square root of ${root[1]} is ${formatNumber(Math.sqrt(Number(root[1])))}.`
  const arithmetic = arithmeticAnswer(q)
  if (arithmetic) return arithmetic
  return FACTS.find(([pattern]) => pattern.test(q))?.[1]
}

const OPERATORS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b, plus: (a, b) => a + b, '-': (a, b) => a - b, minus: (a, b) => a - b,
  '*': (a, b) => a * b, x: (a, b) => a * b, '×': (a, b) => a * b, times: (a, b) => a * b, 'multiplied by': (a, b) => a * b,
  '/': (a, b) => a / b, '÷': (a, b) => a / b, 'divided by': (a, b) => a / b,
}

function arithmeticAnswer(q: string): string | undefined {
  const m = /(-?\d+(?:\.\d+)?)\s*(\+|-|\*|x|×|\/|÷|plus|minus|times|multiplied by|divided by)\s*(-?\d+(?:\.\d+)?)/.exec(q)
  if (!m?.[1] || !m[2] || !m[3]) return undefined
  const op = OPERATORS[m[2]]
  if (!op) return undefined
  const value = op(Number(m[1]), Number(m[3]))
  if (!Number.isFinite(value)) return 'That division by zero has no answer.'
  return `${m[1]} ${m[2]} ${m[3]} = ${formatNumber(value)}.`
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000)
}

function titleCase(text: string): string {
  return text.replace(/\b(?!the\b)[a-z]/g, (c) => c.toUpperCase()).replace(/\bUk\b|\bUsa\b|\bUs\b/g, (w) => w.toUpperCase())
}
