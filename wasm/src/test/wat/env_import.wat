;; imports from a module other than "consortia": refused
(module
  (import "env" "now" (func $now (result i64)))
  (memory (export "memory") 1)
  (func (export "run") (drop (call $now))))
