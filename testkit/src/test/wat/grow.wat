;; grows its memory by 3 pages (to 4), then writes "g" = "1": VALID with a limit of 4 pages or more,
;; OUT_OF_MEMORY below it (node.yaml wasm.memoryPagesPerCall, or the definition's memory_pages_limit),
;; and then its write must never reach the state.
(module
  (import "consortia" "state_put" (func $put (param i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "g1")
  (func (export "run")
    (drop (memory.grow (i32.const 3)))
    (call $put (i32.const 0) (i32.const 1) (i32.const 1) (i32.const 1))))
