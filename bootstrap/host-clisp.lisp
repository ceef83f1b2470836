;;;; bootstrap/host-clisp.lisp -- what stage0 needs from GNU CLISP that CL lacks.
;;;;
;;;; In:  CLISP's extensions (ext, custom, charset, ffi).
;;;; Out: the host interface of the bootstrap (host-sbcl.lisp lists it).
;;;;
;;;; Why it exists: the third of stage0's three hosts (`make ddc`), a
;;;; byte-code implementation with nothing in common with SBCL's or
;;;; ECL's compilers.  CLISP has no IEEE infinities, NaNs or subnormal
;;;; doubles: an operation that would make one fails with a message
;;;; saying so (the compiler never makes one when it compiles itself).

(in-package :zoot-boot)

(defparameter *host-name* "clisp")
(defparameter +utf-8+ charset:utf-8)

(defmacro zlambda (name lambda-list &body body)
  (declare (ignore name))
  `(lambda ,lambda-list ,@body))

(defun host-args () ext:*args*)
(defun host-exit (code) (ext:exit code))
(defun host-getenv (name) (ext:getenv name))
(defun host-environment ()
  (mapcar (lambda (entry) (concatenate 'string (car entry) "=" (cdr entry))) (ext:getenv)))

(ffi:def-call-out c-isatty (:name "isatty") (:arguments (fd ffi:int)) (:return-type ffi:int)
  (:library :default) (:language :stdc))
(defun host-isatty (fd) (= 1 (c-isatty fd)))

;;; No special values: overflow, 0/0 and underflow to a subnormal
;;; signal, and the signal becomes a Zoot error.
(defmacro with-ieee (&body body)
  `(handler-case (progn ,@body)
     (arithmetic-error (c)
       (simple-fail (format nil "~a (CLISP has no IEEE infinities, NaNs or subnormals; run stage0 on SBCL or ECL)"
                            (remove #\Newline (princ-to-string c)))))))
(defun no-special-float ()
  (simple-fail "an IEEE infinity or NaN: CLISP has none (run stage0 on SBCL or ECL)"))
(define-symbol-macro +inf+ (no-special-float))
(define-symbol-macro +-inf+ (no-special-float))
(defun host-nan-p (x) (declare (ignore x)) nil)
(defun host-infinity-p (x) (declare (ignore x)) nil)

;;; Unicode: CL's character predicates, from CLISP's Unicode tables.
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
    (multiple-value-bind (out warnings-p failure-p)
        (compile-file lisp :output-file fasl :verbose nil :print nil :external-format +utf-8+)
      (declare (ignore warnings-p))
      (and out (not failure-p) (load out)))))

(defun innermost-zoot-function () nil)
(defun host-lambda-list (sym) (declare (ignore sym)) nil)

;;; A stack overflow is not a condition in CLISP: it prints "Lisp stack
;;; overflow. RESET" and, when *debug-io* is not interactive, exits with
;;; status 1 -- so it is made not interactive (an interactive one would
;;; look for a REPL to reset to, and there is none).
(defun host-run-main (thunk)
  (setf *debug-io* (make-two-way-stream (make-concatenated-stream) *error-output*))
  (catch 'exhausted
    (handler-bind ((system::interrupt-condition
                     (lambda (c) (declare (ignore c)) (host-exit 130)))
                   (storage-condition
                     (lambda (c) (declare (ignore c)) (throw 'exhausted :heap)))
                   (error
                     (lambda (c)
                       (simple-fail (remove #\Newline (princ-to-string c))))))
      (funcall thunk)
      nil)))

;;; The image: a CLISP memory image whose init function is TOPLEVEL;
;;; bootstrap/stage0 runs it with clisp -M, and -E utf-8 for the
;;; terminal's encoding (which the image cannot change once running).
(defun host-save-image (image fasls toplevel)
  (declare (ignore fasls))
  (ext:saveinitmem image :init-function toplevel :quiet t :norc t :verbose nil))

(defun host-nan-bits (x) (declare (ignore x)) (no-special-float))

;;; A define-macro expander, made at translation time.
(defun host-function (lambda-form) (compile nil lambda-form))
