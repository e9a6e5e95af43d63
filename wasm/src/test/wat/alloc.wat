;; grows its memory a page at a time without end: must end OUT_OF_MEMORY
(module
  (memory (export "memory") 1)
  (func (export "run")
    (loop $more
      (drop (memory.grow (i32.const 1)))
      (br $more))))
