import { HttpError, isRecord } from '../common/http.js'

// The request shapes an MLflow scoring server accepts on POST /invocations. A text model
// takes one string per row; a dataframe row contributes its text column.

const TEXT_COLUMNS = ['text', 'input', 'inputs', 'message', 'content']

export function invocationInputs(body: unknown): string[] {
  if (!isRecord(body)) throw badRequest('body must be a JSON object')
  if ('inputs' in body) return rows(body.inputs, 'inputs')
  if ('instances' in body) return rows(body.instances, 'instances')
  if ('dataframe_split' in body) return dataframeSplit(body.dataframe_split)
  if ('dataframe_records' in body) return rows(body.dataframe_records, 'dataframe_records')
  throw badRequest('expected one of inputs, instances, dataframe_split, dataframe_records')
}

const ERROR_CODES: Record<number, string> = { 400: 'BAD_REQUEST', 404: 'ENDPOINT_NOT_FOUND', 413: 'BAD_REQUEST', 429: 'RESOURCE_EXHAUSTED' }

export function mlflowError(status: number, message: string): unknown {
  return { error_code: ERROR_CODES[status] ?? 'INTERNAL_ERROR', message }
}

function rows(value: unknown, field: string): string[] {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list)) throw badRequest(`${field} must be an array`)
  return list.map((row, i) => rowText(row, `${field}[${i}]`))
}

function rowText(row: unknown, where: string): string {
  if (typeof row === 'string') return row
  if (Array.isArray(row) && typeof row[0] === 'string') return row[0]
  if (isRecord(row)) {
    const column = TEXT_COLUMNS.find((c) => typeof row[c] === 'string') ?? Object.keys(row).find((c) => typeof row[c] === 'string')
    if (column !== undefined) return row[column] as string
  }
  throw badRequest(`${where} must be a string or a row with a text column`)
}

function dataframeSplit(value: unknown): string[] {
  if (!isRecord(value) || !Array.isArray(value.data)) throw badRequest('dataframe_split needs a data array')
  const columns = Array.isArray(value.columns) ? value.columns.map(String) : []
  const named = columns.findIndex((c) => TEXT_COLUMNS.includes(c))
  const index = named >= 0 ? named : 0
  return value.data.map((row, i) => {
    const cell: unknown = Array.isArray(row) ? row[index] : row
    if (typeof cell !== 'string') throw badRequest(`dataframe_split.data[${i}] has no text in column ${index}`)
    return cell
  })
}

function badRequest(message: string): HttpError {
  return new HttpError(400, message, mlflowError(400, message))
}
