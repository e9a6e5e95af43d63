;; uses floating point in one function: the whole module must be refused at validation
(module
  (memory (export "memory") 1)
  (func (export "ok"))
  (func (export "average")
    (drop (i32.trunc_f64_s (f64.div (f64.const 3) (f64.const 2))))))
