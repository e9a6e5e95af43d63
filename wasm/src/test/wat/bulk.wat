;; memory.fill costs in proportion to its length: refused (AssemblyScript: --disable bulk-memory)
(module
  (memory (export "memory") 1)
  (func (export "run") (memory.fill (i32.const 0) (i32.const 0) (i32.const 65536))))
