// Model-name globs for key scopes: "*" any run of characters, "?" one character, all else
// literal and case-sensitive. Matched with two pointers rather than a RegExp, so a pattern
// like "a*a*a*a*b" costs linear-ish time instead of backtracking.

export function globMatch(pattern: string, text: string): boolean {
  let p = 0
  let t = 0
  let star = -1
  let resume = 0
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++
      t++
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++
      resume = t
    } else if (star >= 0) {
      p = star + 1
      t = ++resume
    } else {
      return false
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++
  return p === pattern.length
}
