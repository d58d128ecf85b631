// Turns a raw RFC 822 message into what a mail client shows: the subject and the readable
// body. Headers are dropped on purpose: in this corpus the relay headers alone give the label
// away (the ham came from a few mailing lists), and a served filter is sent message text.

/** Characters of body kept per message: enough to classify, small enough for batched requests. */
export const MAX_MESSAGE_CHARS = 300

export function emailToText(raw: string, maxChars = MAX_MESSAGE_CHARS): string {
  const { head, body } = splitHead(raw)
  const subject = decodeHeaderWords(header(head, 'subject'))
  const text = bodyText(head, body, 0).replace(/\s+/g, ' ').trim()
  return truncateAtWord(subject ? `${subject}\n${text}` : text, maxChars)
}

function splitHead(raw: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(raw)
  if (!match) return { head: raw, body: '' }
  return { head: raw.slice(0, match.index), body: raw.slice(match.index + match[0].length) }
}

function header(head: string, name: string): string {
  const re = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im')
  const match = re.exec(head)
  return match?.[1] ? match[1].replace(/\r?\n[ \t]+/g, ' ').trim() : ''
}

function bodyText(head: string, body: string, depth: number): string {
  const contentType = header(head, 'content-type')
  const type = contentType.toLowerCase()
  if (type.startsWith('multipart/') && depth < 4) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
    if (boundary) return multipartText(body, boundary, depth)
  }
  let text = decodeTransfer(body, header(head, 'content-transfer-encoding').toLowerCase())
  if (type.includes('html') || /<(html|body|table|p|br|div|font)\b/i.test(text)) text = stripHtml(text)
  return text
}

function multipartText(body: string, boundary: string, depth: number): string {
  let plain = ''
  let html = ''
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) continue
    const { head, body: partBody } = splitHead(part.replace(/^\r?\n/, ''))
    const type = header(head, 'content-type').toLowerCase()
    if (type.startsWith('multipart/') || type === '' || type.startsWith('text/plain')) {
      plain ||= bodyText(head, partBody, depth + 1)
    } else if (type.startsWith('text/html')) {
      html ||= bodyText(head, partBody, depth + 1)
    }
  }
  return plain || html
}

function decodeTransfer(body: string, encoding: string): string {
  if (encoding === 'quoted-printable') {
    return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  }
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('latin1')
  return body
}

function decodeHeaderWords(value: string): string {
  return value.replace(/=\?[^?]+\?([bq])\?([^?]*)\?=/gi, (_, kind: string, data: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('latin1')
      : data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  )
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&#?\w+;/g, ' ')
}

function truncateAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  const cut = text.lastIndexOf(' ', maxChars)
  return text.slice(0, cut > maxChars / 2 ? cut : maxChars)
}
