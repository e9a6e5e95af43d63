;; uses floating point, which is not deterministic across platforms: INVALID_MODULE at commit
(module
  (memory (export "memory") 1)
  (func (export "run") (result f64)
    (f64.add (f64.const 0.1) (f64.const 0.2))))
