;;;; bootstrap/host-ecl.lisp -- what stage0 needs from ECL that CL lacks.
;;;;
;;;; In:  ECL's extensions (ext, si, ffi).
;;;; Out: the host interface of the bootstrap (host-sbcl.lisp lists it).
;;;;
;;;; Why it exists: the second of stage0's three hosts (`make ddc`).
;;;; ECL compiles Lisp to C, so compile-file runs gcc once per translated
;;;; file; it saves no images, so "the image" is the list of compiled
;;;; files (build/ecl/zoot.image) that bootstrap/stage0 loads at start-up.
;;;; ECL has no general tail calls, so the compiler's loops that are not
;;;; self tail calls use C stack: bootstrap/stage0 raises the process's
;;;; stack limit and tells ECL (--c-stack), which then reports an
;;;; overflow as a condition.  (A thread with a large stack would not need
;;;; the limit raised, but there ECL's overflow detection crashes.)

(in-package :zoot-boot)

(defparameter *host-name* "ecl")
(defparameter +utf-8+ :utf-8)

(defmacro zlambda (name lambda-list &body body)
  (declare (ignore name))
  `(lambda ,lambda-list ,@body))

;;; The command line after "--" (bootstrap/stage0 puts it there).
(defun host-args () (rest (member "--" (ext:command-args) :test #'string=)))

;;; The process ends here once the Lisp streams are flushed, without
;;; unwinding (as SBCL's exit :abort t).
(ffi:clines "#include <stdio.h>")
(defun host-exit (code)
  (ignore-errors (finish-output *standard-output*))
  (ignore-errors (finish-output *error-output*))
  (ffi:c-inline (code) (:int) :void "fflush(NULL); _exit(#0);" :one-liner nil))
(defun host-getenv (name) (ext:getenv name))
(defun host-environment () (si:environ))   ; "NAME=VALUE" strings

(ffi:clines "#include <unistd.h>")
(defun host-isatty (fd)
  (= 1 (ffi:c-inline (fd) (:int) :int "isatty(#0)" :one-liner t)))

;;; IEEE: the traps are off in the whole process (host-run-main), so
;;; overflow gives an infinity and 0/0 a NaN.
(defmacro with-ieee (&body body) `(progn ,@body))
(defconstant +inf+ ext:double-float-positive-infinity)
(defconstant +-inf+ ext:double-float-negative-infinity)
(defun host-nan-p (x) (ext:float-nan-p x))
(defun host-infinity-p (x) (ext:float-infinity-p x))

;;; Unicode: CL's character predicates, which ECL answers from Unicode's
;;; general categories (close to, not exactly, the properties
;;; runtime/unicode.c uses; only user programs see the difference).
(defun host-alphabetic-p (c) (alpha-char-p c))
(defun host-whitespace-p (c) (portable-whitespace-p c))
(defun host-uppercase-p (c) (upper-case-p c))
(defun host-lowercase-p (c) (lower-case-p c))
(defun host-decimal-value (c) (digit-char-p c))
(defun host-string-upcase (s) (string-upcase s))
(defun host-string-downcase (s) (string-downcase s))
(defun host-string-foldcase (s) (string-downcase s))

(defun host-compile-and-load (lisp fasl)
  (handler-bind ((warning #'muffle-warning))
    (let ((c::*suppress-compiler-messages* t)
          (c::*compile-verbose* nil))
      (multiple-value-bind (out warnings-p failure-p)
          (compile-file lisp :output-file fasl :verbose nil :print nil :external-format +utf-8+)
        (declare (ignore warnings-p))
        (and out (not failure-p) (load out))))))

(defun innermost-zoot-function () nil)
(defun host-lambda-list (sym) (declare (ignore sym)) nil)

(defun host-run-main (thunk)
  (ext:trap-fpe t nil)
  (ext:set-limit 'ext:lisp-stack (* 256 1024 1024))
  (ext:set-limit 'ext:frame-stack (* 1024 1024))
  (ext:set-limit 'ext:binding-stack (* 1024 1024))
  (ext:set-limit 'ext:heap-size 0)
  (catch 'exhausted
    (handler-bind ((ext:interactive-interrupt
                     (lambda (c) (declare (ignore c)) (host-exit 130)))
                   (ext:stack-overflow
                     (lambda (c) (declare (ignore c)) (throw 'exhausted :stack)))
                   (storage-condition
                     (lambda (c) (declare (ignore c)) (throw 'exhausted :heap)))
                   (error
                     (lambda (c)
                       (simple-fail (remove #\Newline (princ-to-string c))))))
      (funcall thunk)
      nil)))

;;; The image: the compiled files, in load order, one name a line.
(defun host-save-image (image fasls toplevel)
  (declare (ignore toplevel))
  (with-open-file (out image :direction :output :if-exists :supersede)
    (dolist (fasl fasls) (write-line (file-namestring fasl) out)))
  (host-exit 0))

;;; A NaN's bits (the payload of the NaN the operation made).
(ffi:clines "#include <string.h>" "#include <stdint.h>")
(defun host-nan-bits (x)
  (let ((hi (ffi:c-inline (x) (:double) :unsigned-int
                          "{ double d = #0; uint64_t b; memcpy(&b, &d, 8); @(return) = (unsigned int)(b >> 32); }"))
        (lo (ffi:c-inline (x) (:double) :unsigned-int
                          "{ double d = #0; uint64_t b; memcpy(&b, &d, 8); @(return) = (unsigned int)b; }")))
    (logior (ash hi 32) lo)))

;;; A define-macro expander, made at translation time: ECL's byte-code
;;; compiler (compile would run gcc for each).
(defun host-function (lambda-form) (coerce lambda-form 'function))
