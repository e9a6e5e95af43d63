;; genuine traps: must end TRAP
(module
  (memory (export "memory") 1)
  (global $zero (mut i32) (i32.const 0))
  (func (export "unreachable")
    (unreachable))
  (func (export "divide_by_zero")
    (drop (i32.div_s (i32.const 1) (global.get $zero))))
  (func (export "out_of_bounds")
    (drop (i32.load (i32.const 70000))))
  (func $recurse
    (call $recurse))
  (func (export "recurse")
    (call $recurse)))
