;; loops forever: OUT_OF_FUEL
(module
  (memory (export "memory") 1)
  (func (export "run")
    (loop $forever
      (br $forever))))
