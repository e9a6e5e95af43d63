;; Valid WebAssembly that no instantiation can load: 16 bytes at offset 70000 of a 1-page (65536 bytes) memory.
;; HostileContractsIT uploads it: refused, nothing stored.
(module
  (memory (export "memory") 1)
  (func (export "f"))
  (data (i32.const 70000) "0123456789abcdef"))
