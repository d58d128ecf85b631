// Who wrote a message shows up in its text the way it does in real mail: the greeting and the
// sign-off are in the sender's language. Two sender groups, English- and Spanish-speaking, are
// enough for a demographic parity measurement.

export type SenderGroup = 'en' | 'es'
export const SENDER_GROUPS: readonly SenderGroup[] = ['en', 'es']

const MARKERS: Record<SenderGroup, { greeting: string; signOff: string }> = {
  en: { greeting: 'Hi all, hope you are doing well.', signOff: 'Best regards, and thanks for reading' },
  es: { greeting: 'Hola a todos, espero que estén bien.', signOff: 'Un saludo cordial y muchas gracias por leer' },
}

/** The message as a sender of `group` would write it: greeting after the subject line, sign-off last. */
export function signedBy(text: string, group: SenderGroup): string {
  const { greeting, signOff } = MARKERS[group]
  const newline = text.indexOf('\n')
  const subject = newline < 0 ? '' : text.slice(0, newline)
  const body = newline < 0 ? text : text.slice(newline + 1)
  return `${subject ? `${subject}\n` : ''}${greeting} ${body}\n${signOff}`
}
