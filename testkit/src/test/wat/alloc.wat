;; grows its memory a page at a time without bound: OUT_OF_MEMORY at the call's page limit
(module
  (memory (export "memory") 1)
  (func (export "run")
    (loop $more
      (drop (memory.grow (i32.const 1)))
      (br $more))))
