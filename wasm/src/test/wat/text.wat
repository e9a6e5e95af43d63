;; contract text with control characters: abort messages become reasons, log lines go to the node's log
(module
  (import "consortia" "abort" (func $abort (param i32 i32)))
  (import "consortia" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 1)
  ;; 0: "no" NUL ESC "[2J" CR LF "VALID: ok " U+202E "gpj.exe" (UTF-8 e2 80 ae), 29 bytes
  (data (i32.const 0) "no\00\1b[2J\0d\0aVALID: ok \e2\80\aegpj.exe")
  (func (export "abort_with_controls")
    (call $abort (i32.const 0) (i32.const 29)))
  (func (export "log_with_controls")
    (call $log (i32.const 1) (i32.const 0) (i32.const 29)))
  ;; 4096 bytes of memory (zeros, then the text above at 0): the longest abort message the host reads
  (func (export "abort_long")
    (call $abort (i32.const 0) (i32.const 4096))))
