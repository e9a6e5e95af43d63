;; hands the host a pointer outside its memory: HOST_MISUSE
(module
  (import "consortia" "return_value" (func $return (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "run")
    (call $return (i32.const 70000) (i32.const 8))))
