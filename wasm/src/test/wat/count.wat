;; counts down from the length of argument 0 times 1000, summing into memory: fuel grows with the argument
(module
  (import "consortia" "arg" (func $arg (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run")
    (local $i i32)
    (local.set $i (i32.mul (call $arg (i32.const 0) (i32.const 0) (i32.const 0)) (i32.const 1000)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $i)))
        (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (local.get $i)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $next)))))
