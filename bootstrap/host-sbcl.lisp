;;;; bootstrap/host-sbcl.lisp -- what stage0 needs from SBCL that CL lacks.
;;;;
;;;; In:  SBCL's extensions (sb-ext, sb-int, sb-kernel, sb-di, sb-unicode).
;;;; Out: the host interface of the bootstrap, the same names in each of
;;;;      host-sbcl.lisp, host-ecl.lisp and host-clisp.lisp: the command
;;;;      line, exit, the environment, stack and heap exhaustion, IEEE
;;;;      float traps and special values, Unicode properties, named
;;;;      lambdas and saving the image.  The names: *host-name*, +utf-8+,
;;;;      zlambda, host-args, host-exit, host-getenv, host-environment,
;;;;      host-isatty, with-ieee, +inf+, +-inf+, host-nan-p,
;;;;      host-infinity-p, host-nan-bits, host-alphabetic-p,
;;;;      host-whitespace-p, host-uppercase-p, host-lowercase-p,
;;;;      host-decimal-value, host-string-upcase, host-string-downcase,
;;;;      host-string-foldcase, host-compile-and-load, host-function,
;;;;      innermost-zoot-function, host-lambda-list, host-run-main and
;;;;      host-save-image.
;;;;
;;;; Why it exists: stage0 runs on three Common Lisps so that the bytes it
;;;; writes can be compared across them (`make ddc`); everything not in
;;;; the standard sits in one small file per host, loaded after reader.lisp
;;;; (see build.lisp), and the rest of bootstrap/ is portable.  Nothing
;;;; here may change what the compiler writes: numbers, tables and text
;;;; are computed by portable code in primitives.lisp.

(in-package :zoot-boot)

(defparameter *host-name* "sbcl")
(defparameter +utf-8+ :utf-8)

;;; A lambda that backtraces name (Zoot globals and named lets).
(defmacro zlambda (name lambda-list &body body)
  `(sb-int:named-lambda ,name ,lambda-list ,@body))

(defun host-args () (rest sb-ext:*posix-argv*))
(defun host-exit (code) (sb-ext:exit :code code :abort t))
(defun host-getenv (name) (sb-ext:posix-getenv name))
(defun host-environment () (sb-ext:posix-environ))
(defun host-isatty (fd) (= 1 (sb-unix:unix-isatty fd)))

;;; IEEE: every float operation runs with the traps masked, so overflow
;;; gives an infinity and 0/0 a NaN, as in the C runtime.
(defmacro with-ieee (&body body)
  `(sb-int:with-float-traps-masked (:overflow :invalid :divide-by-zero :inexact :underflow)
     ,@body))
(defconstant +inf+ sb-ext:double-float-positive-infinity)
(defconstant +-inf+ sb-ext:double-float-negative-infinity)
(defun host-nan-p (x) (sb-ext:float-nan-p x))
(defun host-infinity-p (x) (sb-ext:float-infinity-p x))

;;; Unicode properties (runtime/unicode.c natively): SBCL's tables.
(defun host-alphabetic-p (c) (sb-unicode:alphabetic-p c))
(defun host-whitespace-p (c) (sb-unicode:whitespace-p c))
(defun host-uppercase-p (c) (sb-unicode:uppercase-p c))
(defun host-lowercase-p (c) (sb-unicode:lowercase-p c))
(defun host-decimal-value (c) (sb-unicode:decimal-value c))
(defun host-string-upcase (s) (sb-unicode:uppercase s))
(defun host-string-downcase (s) (sb-unicode:lowercase s))
(defun host-string-foldcase (s) (sb-unicode:casefold s))

;;; Compile-file and load a translated file; nil when it failed.
(defun host-compile-and-load (lisp fasl)
  (handler-bind ((warning #'muffle-warning))
    (multiple-value-bind (out warnings-p failure-p)
        (compile-file lisp :output-file fasl :verbose nil :print nil :external-format +utf-8+)
      (declare (ignore warnings-p))
      (and out (not failure-p) (load out)))))

;;; A CL function refusing its argument count names no one in its
;;; message; the innermost frame of a Zoot global does.
(defun innermost-zoot-function ()
  (let ((zg (find-package :zg)))
    (do ((frame (sb-di:top-frame) (sb-di:frame-down frame))
         (depth 0 (1+ depth)))
        ((or (null frame) (> depth 40)) nil)
      (let ((name (sb-di:debug-fun-name (sb-di:frame-debug-fun frame))))
        (when (and (consp name) (eq (car name) 'sb-c::xep)) (setf name (second name)))
        (when (and (symbolp name) (eq (symbol-package name) zg))
          (return (symbol-name name)))
        (when (and (stringp name) (not (string= name "lambda"))
                   (not (search "foreign function" name))
                   (not (every (lambda (c) (or (upper-case-p c) (not (alpha-char-p c)))) name)))
          ;; A named Zoot lambda (its name keeps its lower case).
          (return name))))))

(defun host-lambda-list (sym) (sb-kernel:%fun-lambda-list (fdefinition sym)))

;;; Run THUNK (Zoot's main) with the host's conditions turned into Zoot
;;; errors.  Stack exhaustion leaves almost no stack to report it with,
;;; so the handler unwinds first and the caller reports it: the value is
;;; :stack or :heap then, nil when THUNK returned.
(defun host-run-main (thunk)
  ;; Fewer, larger collections: the eq tables keyed by conses (source
  ;; positions) must be rehashed after every collection that moves keys.
  (setf (sb-ext:bytes-consed-between-gcs) (* 256 1024 1024))
  ;; IEEE everywhere, as on ECL, not only inside with-ieee: the generic
  ;; arithmetic (+, -, ...) meets infinities and NaNs too.
  (sb-int:set-floating-point-modes :traps '())
  (catch 'exhausted
    (handler-bind ((sb-sys:interactive-interrupt
                     (lambda (c) (declare (ignore c)) (host-exit 130)))
                   (sb-kernel::control-stack-exhausted
                     (lambda (c) (declare (ignore c)) (throw 'exhausted :stack)))
                   (storage-condition
                     (lambda (c) (declare (ignore c)) (throw 'exhausted :heap)))
                   (sb-int:simple-program-error
                     (lambda (c)
                       (let ((name (innermost-zoot-function))
                             (text (princ-to-string c)))
                         (when (and name (search "invalid number of arguments" text))
                           (simple-fail (arity-message name text))))))
                   (error
                     (lambda (c)
                       (simple-fail (remove #\Newline (princ-to-string c))))))
      (funcall thunk)
      nil)))

;;; The image: an SBCL core whose toplevel is TOPLEVEL (bootstrap/stage0
;;; runs it with sbcl --core).
(defun host-save-image (image fasls toplevel)
  (declare (ignore fasls))
  (sb-ext:save-lisp-and-die image :toplevel toplevel :executable nil))

;;; A NaN's bits (the payload of the NaN the operation made).
(defun host-nan-bits (x)
  (logior (ash (ldb (byte 32 0) (sb-kernel:double-float-high-bits x)) 32)
          (sb-kernel:double-float-low-bits x)))

;;; A define-macro expander, made at translation time.
(defun host-function (lambda-form) (compile nil lambda-form))
