;; writes, then divides by zero: CONTRACT_TRAPPED, and the write never reaches the state
(module
  (import "consortia" "state_put" (func $put (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "k")
  (func (export "run")
    (call $put (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1))
    (drop (i32.div_u (i32.const 1) (i32.const 0)))))
