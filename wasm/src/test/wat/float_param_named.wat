;; no float instruction, but a helper takes an f64: refused, naming the helper by its debug name
(module
  (memory (export "memory") 1)
  (func $half (param f64))
  (func (export "run")))
