/**
 * torch.save's legacy (pre-1.6, non-zip) layout, torch/serialization.py _legacy_save: five pickles
 * in a row (magic number, protocol version, sys info, the object, the sorted storage keys), then
 * raw storage bytes that _legacy_load reads directly and never unpickles. All five pickles go
 * through the unpickler, so all five are scanned; the storage bytes are not pickle data.
 */
export const LEGACY_PICKLE_COUNT = 5
