// Consortia host interface for AssemblyScript contracts (docs/wasm-contracts.md).
// Pointers and lengths are i32 offsets into the contract's exported memory. Functions that return data write at
// most `cap` bytes at `buf` and return the full length (-1 = absent); these helpers retry with a big enough buffer.

@external("consortia", "arg_count") declare function arg_count(): i32;
@external("consortia", "arg") declare function host_arg(index: i32, buf: usize, cap: i32): i32;
@external("consortia", "return_value") declare function return_value(ptr: usize, len: i32): void;
@external("consortia", "state_get") declare function state_get(keyPtr: usize, keyLen: i32, buf: usize, cap: i32): i32;
@external("consortia", "state_put") declare function state_put(keyPtr: usize, keyLen: i32, valPtr: usize, valLen: i32): void;
@external("consortia", "state_delete") declare function state_delete(keyPtr: usize, keyLen: i32): void;
@external("consortia", "state_range")
declare function state_range(startPtr: usize, startLen: i32, endPtr: usize, endLen: i32, limit: i32, buf: usize, cap: i32): i32;
@external("consortia", "caller_org") declare function caller_org(buf: usize, cap: i32): i32;
@external("consortia", "caller_cert") declare function caller_cert(buf: usize, cap: i32): i32;
@external("consortia", "tx_id") declare function tx_id(buf: usize, cap: i32): i32;
@external("consortia", "tx_timestamp") declare function tx_timestamp(): i64;
@external("consortia", "emit_event") declare function emit_event(namePtr: usize, nameLen: i32, payloadPtr: usize, payloadLen: i32): void;
@external("consortia", "log") declare function host_log(level: i32, ptr: usize, len: i32): void;
@external("consortia", "abort") declare function host_abort(ptr: usize, len: i32): void;
@external("consortia", "not_found") declare function host_not_found(ptr: usize, len: i32): void;

function ptr(b: ArrayBuffer): usize {
  return changetype<usize>(b);
}

function utf8(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

/** Reads a variable-length result: ask with a small buffer, retry with the exact size if it was too small. */
function fetch(read: (buf: usize, cap: i32) => i32): ArrayBuffer | null {
  let buf = new ArrayBuffer(256);
  const len = read(ptr(buf), buf.byteLength);
  if (len < 0) return null;
  if (len > buf.byteLength) {
    buf = new ArrayBuffer(len);
    read(ptr(buf), len);
  }
  return buf.slice(0, len);
}

// ---- arguments and return value

export function argCount(): i32 {
  return arg_count();
}

export function argBytes(index: i32): ArrayBuffer {
  const len = host_arg(index, 0, 0);
  const buf = new ArrayBuffer(len);
  host_arg(index, ptr(buf), len);
  return buf;
}

export function argString(index: i32): string {
  return String.UTF8.decode(argBytes(index));
}

export function returnBytes(value: ArrayBuffer): void {
  return_value(ptr(value), value.byteLength);
}

export function returnString(value: string): void {
  returnBytes(utf8(value));
}

// ---- state (keys are relative to this contract's namespace)

let currentKey: ArrayBuffer = new ArrayBuffer(0);

export function getBytes(key: string): ArrayBuffer | null {
  currentKey = utf8(key);
  return fetch((buf: usize, cap: i32): i32 => state_get(changetype<usize>(currentKey), currentKey.byteLength, buf, cap));
}

export function getString(key: string): string | null {
  const v = getBytes(key);
  return v == null ? null : String.UTF8.decode(v);
}

export function putBytes(key: string, value: ArrayBuffer): void {
  const k = utf8(key);
  state_put(ptr(k), k.byteLength, ptr(value), value.byteLength);
}

export function putString(key: string, value: string): void {
  putBytes(key, utf8(value));
}

export function remove(key: string): void {
  const k = utf8(key);
  state_delete(ptr(k), k.byteLength);
}

/** Keys in [start, end), at most `limit`, in byte order. */
export function rangeKeys(start: string, end: string, limit: i32): string[] {
  const s = utf8(start);
  const e = utf8(end);
  let buf = new ArrayBuffer(4096);
  let len = state_range(ptr(s), s.byteLength, ptr(e), e.byteLength, limit, ptr(buf), buf.byteLength);
  if (len > buf.byteLength) {
    buf = new ArrayBuffer(len);
    state_range(ptr(s), s.byteLength, ptr(e), e.byteLength, limit, ptr(buf), len);
  }
  // entries: u32 key length, key, u32 value length, value (little-endian)
  const keys = new Array<string>();
  const base = ptr(buf);
  let at: i32 = 0;
  while (at < len) {
    const keyLen = load<i32>(base + <usize>at);
    keys.push(String.UTF8.decodeUnsafe(base + <usize>at + 4, <usize>keyLen));
    at += 4 + keyLen;
    const valueLen = load<i32>(base + <usize>at);
    at += 4 + valueLen;
  }
  return keys;
}

// ---- caller and transaction

function text(read: (buf: usize, cap: i32) => i32): string {
  const v = fetch(read);
  return v == null ? "" : String.UTF8.decode(v);
}

export function callerOrganisation(): string {
  return text((buf: usize, cap: i32): i32 => caller_org(buf, cap));
}

export function callerCertificateId(): string {
  return text((buf: usize, cap: i32): i32 => caller_cert(buf, cap));
}

export function transactionId(): string {
  return text((buf: usize, cap: i32): i32 => tx_id(buf, cap));
}

export function timestampMillis(): i64 {
  return tx_timestamp();
}

// ---- events, logs, refusal

export function emit(name: string, payload: string): void {
  const n = utf8(name);
  const p = utf8(payload);
  emit_event(ptr(n), n.byteLength, ptr(p), p.byteLength);
}

export function log(message: string): void {
  const m = utf8(message);
  host_log(1, ptr(m), m.byteLength);
}

/** Refuses the call: it ends REJECTED with this reason and nothing it wrote is kept. */
export function reject(reason: string): void {
  const m = utf8(reason);
  host_abort(ptr(m), m.byteLength);
  unreachable();
}

/**
 * Refuses the call because the record it names does not exist: recorded like reject() in a block, but a query
 * (evaluation) answers "not found" (gRPC NOT_FOUND, 404 through the platform), as a built-in contract does.
 */
export function notFound(reason: string): void {
  const m = utf8(reason);
  host_not_found(ptr(m), m.byteLength);
  unreachable();
}

/** AssemblyScript's own abort (failed assert, bad index...), wired in by asconfig.json's "use". */
export function asAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  const m: string = message == null ? "abort" : message;
  const f: string = fileName == null ? "?" : fileName;
  reject(m + " at " + f + ":" + line.toString());
}
