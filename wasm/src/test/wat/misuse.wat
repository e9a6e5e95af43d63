;; calls host functions wrongly (pointers outside its memory, a bad index, a backwards range): must end HOST_MISUSE
(module
  (import "consortia" "state_put" (func $put (param i32 i32 i32 i32)))
  (import "consortia" "arg" (func $arg (param i32 i32 i32) (result i32)))
  (import "consortia" "state_range" (func $range (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; keys at 16: "b", "a", 0x80, 0x7f
  (data (i32.const 16) "ba\80\7f")
  (func (export "bad_pointer")
    (call $put (i32.const 65530) (i32.const 100) (i32.const 0) (i32.const 1)))
  (func (export "bad_arg_index")
    (drop (call $arg (i32.const 7) (i32.const 0) (i32.const 0))))
  ;; start "b", end "a"
  (func (export "range_backwards")
    (drop (call $range (i32.const 16) (i32.const 1) (i32.const 17) (i32.const 1) (i32.const 10) (i32.const 0) (i32.const 0))))
  ;; start 0x80, end 0x7f: backwards as unsigned bytes (forwards as signed ones)
  (func (export "range_backwards_unsigned")
    (drop (call $range (i32.const 18) (i32.const 1) (i32.const 19) (i32.const 1) (i32.const 10) (i32.const 0) (i32.const 0))))
  ;; start 0x7f, end 0x80: forwards, not misuse
  (func (export "range_forwards_unsigned")
    (drop (call $range (i32.const 19) (i32.const 1) (i32.const 18) (i32.const 1) (i32.const 10) (i32.const 0) (i32.const 0))))
  ;; start "b", end "b": an empty range, not misuse
  (func (export "range_empty")
    (drop (call $range (i32.const 16) (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 10) (i32.const 0) (i32.const 0)))))
