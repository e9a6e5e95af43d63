;; declares an f32 local without using a float instruction: refused as well
(module
  (memory (export "memory") 1)
  (func (export "run") (local $x f32)))
