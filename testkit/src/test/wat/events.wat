;; much output for little input: "run" emits 3 events of 1 MiB (about 3.1 million fuel of the 10 million)
(module
  (import "consortia" "emit_event" (func $emit (param i32 i32 i32 i32)))
  (memory (export "memory") 16 16)
  (data (i32.const 0) "e")
  (func (export "run") (local $i i32)
    (loop $l
      (call $emit (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 1048576))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 3))))))
