;; A careless contract for HostileContractsIT: burn and burn_query loop until the fuel runs out (one submitted,
;; one evaluated: the same refusal); bytes and bytes_query return 0xFF 0xFE 0x00 0x41, which is not UTF-8.
;; Assembled into src/test/resources/wasm/hostile.wasm with
;; node examples/contracts/tools/wat2wasm.mjs platform/src/test/wat platform/src/test/resources/wasm
(module
  (import "consortia" "return_value" (func $return_value (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "\ff\fe\00\41")
  (func $burn
    (loop $forever
      (br $forever)))
  (func $bytes
    (call $return_value (i32.const 16) (i32.const 4)))
  (export "burn" (func $burn))
  (export "burn_query" (func $burn))
  (export "bytes" (func $bytes))
  (export "bytes_query" (func $bytes)))
