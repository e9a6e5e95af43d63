;; The contract store's "notarization-app" template: a user contract that forwards each of its exported
;; functions, with the caller's arguments unchanged, to the function of the same name of the built-in
;; contract "notarization" (call_builtin), and returns the built-in's result. The built-in runs as the caller
;; in its own state namespace; what this contract adds is the channel's governance: it exists only once
;; the channel's organisations committed its definition, its caller rules are enforced by every node
;; (FORBIDDEN), and it can be frozen, unfrozen or revoked through the same approvals.
;; Assembled into ../resources/store/notarization-app.wasm with
;;   node examples/contracts/tools/wat2wasm.mjs platform/src/main/wat platform/src/main/resources/store
;; (after npm ci in examples/contracts).
(module
  (import "consortia" "arg_count" (func $arg_count (result i32)))
  (import "consortia" "arg" (func $arg (param i32 i32 i32) (result i32)))
  (import "consortia" "call_builtin" (func $call_builtin (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "consortia" "builtin_result" (func $builtin_result (param i32 i32) (result i32)))
  (import "consortia" "return_value" (func $return_value (param i32 i32)))
  (memory (export "memory") 1)
  ;; 0: the built-in's name; 32, 64, ...: the function names; 1024 on: the encoded arguments, then the result
  (data (i32.const 0) "notarization")
  (data (i32.const 32) "record")
  (data (i32.const 64) "get")
  (data (i32.const 96) "listBySubmitter")

  ;; makes room for $need bytes from $ptr, growing the memory (beyond the call's page limit the engine
  ;; ends the call OUT_OF_MEMORY)
  (func $ensure (param $ptr i32) (param $need i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $ptr) (local.get $need)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (drop (memory.grow (i32.sub
          (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
          (memory.size)))))))

  ;; encodes the call's arguments as call_builtin wants them (u32 count, then u32 length and bytes each),
  ;; calls the built-in's function named at $fn and returns its result as this call's
  (func $forward (param $fn i32) (param $fnLen i32)
    (local $n i32) (local $i i32) (local $p i32) (local $len i32)
    (local.set $n (call $arg_count))
    (i32.store (i32.const 1024) (local.get $n))
    (local.set $p (i32.const 1028))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $len (call $arg (local.get $i) (i32.const 0) (i32.const 0)))
        (call $ensure (local.get $p) (i32.add (local.get $len) (i32.const 4)))
        (i32.store (local.get $p) (local.get $len))
        (drop (call $arg (local.get $i) (i32.add (local.get $p) (i32.const 4)) (local.get $len)))
        (local.set $p (i32.add (local.get $p) (i32.add (local.get $len) (i32.const 4))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.set $len (call $call_builtin (i32.const 0) (i32.const 12) (local.get $fn) (local.get $fnLen)
      (i32.const 1024) (i32.sub (local.get $p) (i32.const 1024)) (local.get $p) (i32.const 0)))
    (call $ensure (local.get $p) (local.get $len))
    (drop (call $builtin_result (local.get $p) (local.get $len)))
    (call $return_value (local.get $p) (local.get $len)))

  (func (export "record") (call $forward (i32.const 32) (i32.const 6)))
  (func (export "get") (call $forward (i32.const 64) (i32.const 3)))
  (func (export "listBySubmitter") (call $forward (i32.const 96) (i32.const 15))))
