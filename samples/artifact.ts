// A small, valid safetensors file (one F32 tensor), the artifact the sample models "ship".
export function tinySafetensors(values: readonly number[] = [0.5, -1.25, 2, 3.5]): Buffer {
  const data = Buffer.alloc(values.length * 4)
  values.forEach((v, i) => data.writeFloatLE(v, i * 4))
  const header = Buffer.from(JSON.stringify({ __metadata__: { format: 'pt' }, weight: { dtype: 'F32', shape: [values.length], data_offsets: [0, data.length] } }))
  const length = Buffer.alloc(8)
  length.writeBigUInt64LE(BigInt(header.length))
  return Buffer.concat([length, header, data])
}
