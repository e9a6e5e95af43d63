;; hands the host pointers outside its memory: must end HOST_MISUSE
(module
  (import "consortia" "state_put" (func $put (param i32 i32 i32 i32)))
  (import "consortia" "arg" (func $arg (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "bad_pointer")
    (call $put (i32.const 65530) (i32.const 100) (i32.const 0) (i32.const 1)))
  (func (export "bad_arg_index")
    (drop (call $arg (i32.const 7) (i32.const 0) (i32.const 0)))))
