// Notarization as a WebAssembly contract: the semantics of the built-in `notarization` contract (docs/protocol.md, section 9 "Built-in contracts")
// for what the host offers: record(hash, [metadata]) stores who notarized a document hash and when, once; a second
// record of the same hash is refused. The benchmark's `--workload wasm-notarize` drives it (docs/performance.md).
//
// State: "doc/<hash>" -> the record (JSON), "by-org/<len(org)>:<org>/<hash>" -> "" (an organisation's documents).
import { argCount, argString, getString, putString, returnString, callerOrganisation, transactionId,
         timestampMillis, emit, reject } from "./consortia";

const MAX_METADATA_BYTES = 4096;

/** The lower-case hash, or refuses anything but 64 hexadecimal characters. */
function documentHash(value: string): string {
  if (value.length != 64) reject("documentHash must be 64 hexadecimal characters, got " + value.length.toString());
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    if (!hex) reject("documentHash must be 64 hexadecimal characters");
  }
  return value.toLowerCase();
}

/** A JSON string literal: quotes, backslashes and control characters escaped. */
function quote(value: string): string {
  let out = "\"";
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c == 34 || c == 92 || c < 32) {
      out += value.substring(from, i);
      if (c == 34) out += "\\\"";
      else if (c == 92) out += "\\\\";
      else if (c == 10) out += "\\n";
      else if (c == 13) out += "\\r";
      else if (c == 9) out += "\\t";
      else out += "\\u00" + (c < 16 ? "0" : "1") + "0123456789abcdef".charAt(c & 15);
      from = i + 1;
    }
  }
  return out + value.substring(from) + "\"";
}

function documentKey(hash: string): string {
  return "doc/" + hash;
}

/** record(documentHash, [metadata]): the new record; refused if the hash is already notarized. */
export function record(): void {
  const n = argCount();
  if (n < 1 || n > 2) reject("record takes 1 or 2 arguments: record(documentHash, [metadata])");
  const hash = documentHash(argString(0));
  const metadata = n == 2 ? argString(1) : "";
  if (String.UTF8.byteLength(metadata) > MAX_METADATA_BYTES) {
    reject("record: metadata must be at most " + MAX_METADATA_BYTES.toString() + " bytes of UTF-8");
  }
  if (getString(documentKey(hash)) != null) reject("document " + hash + " is already notarized");
  const organisation = callerOrganisation();
  const json = "{\"documentHash\":" + quote(hash)
    + ",\"metadata\":" + quote(metadata)
    + ",\"submitterOrganization\":" + quote(organisation)
    + ",\"transactionId\":" + quote(transactionId())
    + ",\"timestampMillis\":" + timestampMillis().toString() + "}";
  putString(documentKey(hash), json);
  putString("by-org/" + organisation.length.toString() + ":" + organisation + "/" + hash, "");
  emit("notarized", json);
  returnString(json);
}

/** get(documentHash): the record, or refused as not notarized. */
export function get(): void {
  if (argCount() != 1) reject("get takes 1 argument: get(documentHash)");
  const hash = documentHash(argString(0));
  const json = getString(documentKey(hash));
  if (json == null) reject("document " + hash + " is not notarized");
  returnString(json!);
}
