;;;; bootstrap/load.lisp -- load Zoot sources into SBCL and save an image.
;;;;
;;;; In:  the list of Zoot source files (command line after --), in order.
;;;; Out: build/sbcl/zoot.core, an SBCL image whose toplevel calls the Zoot
;;;;      procedure `main` with the command line.
;;;;
;;;; Each source file is read (reader.lisp), translated to CL
;;;; (translate.lisp), written next to the image as NAME.lisp so a reader
;;;; can see what SBCL compiles, then compiled with compile-file and
;;;; loaded.

(in-package :zoot-boot)

(defun translated-path (source outdir)
  (merge-pathnames (make-pathname :name (pathname-name source) :type "lisp") outdir))

(defun translate-file (source outdir)
  (let ((out-path (translated-path source outdir)))
    (with-open-file (out out-path :direction :output :if-exists :supersede)
      (with-standard-io-syntax
        (let ((*package* (find-package :zoot-boot))
              (*print-circle* t)
              (*print-readably* t))
          (format out ";;;; Translated from ~a by bootstrap/translate.lisp.~%" source)
          (print '(in-package :zoot-boot) out)
          (print '(declaim (optimize (speed 1) (safety 1) (debug 0))) out)
          (dolist (form (read-zoot-file source))
            (print (tr-toplevel form) out)))))
    out-path))

(defun load-zoot-file (source outdir)
  (let ((lisp (translate-file source outdir)))
    (handler-bind ((warning #'muffle-warning))
      (multiple-value-bind (fasl warnings-p failure-p) (compile-file lisp :verbose nil :print nil)
        (declare (ignore warnings-p))
        (when failure-p
          (format *error-output* "bootstrap: SBCL failed to compile ~a~%" lisp)
          (sb-ext:exit :code 1 :abort t))
        (load fasl)))))

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

;;; "wrong number of arguments to car: expected 1, got 2", from SBCL's
;;; "invalid number of arguments: 2" and the primitive's lambda list.
(defun arity-message (name text)
  (let* ((got (parse-integer text :start (1+ (position #\: text)) :junk-allowed t))
         (sym (find-symbol name :zg))
         (lambda-list (and sym (fboundp sym) (sb-kernel:%fun-lambda-list (fdefinition sym))))
         (required (or (position-if (lambda (x) (member x lambda-list-keywords)) lambda-list)
                       (length lambda-list)))
         (optional (let ((tail (member '&optional lambda-list)))
                     (if tail (or (position-if (lambda (x) (member x lambda-list-keywords)) (rest tail))
                                  (length (rest tail)))
                         0)))
         (expected (cond ((null sym) nil)
                         ((member '&rest lambda-list) (format nil "at least ~d" required))
                         ((plusp optional) (format nil "~d to ~d" required (+ required optional)))
                         (t (format nil "~d" required)))))
    (if (and expected got)
        (format nil "wrong number of arguments to ~a: expected ~a, got ~d" name expected got)
        (format nil "wrong number of arguments to ~a" name))))

(defun zoot-toplevel ()
  "Entry point of the saved image: run Zoot's main with the arguments."
  (setf *command-line* (rest sb-ext:*posix-argv*))
  ;; Fewer, larger collections: the eq tables keyed by conses (source
  ;; positions) must be rehashed after every collection that moves keys.
  (setf (sb-ext:bytes-consed-between-gcs) (* 256 1024 1024))
  ;; Stack exhaustion leaves almost no stack to report it with, so the
  ;; handler unwinds first and the error is raised from up here; the
  ;; interpreter's frame stack still holds the backtrace.
  (let ((overflow
          (catch 'stack-overflow
            (handler-bind ((sb-sys:interactive-interrupt
                             (lambda (c) (declare (ignore c)) (sb-ext:exit :code 130 :abort t)))
                           (sb-kernel::control-stack-exhausted
                             (lambda (c) (declare (ignore c)) (throw 'stack-overflow t)))
                           (storage-condition
                             (lambda (c) (declare (ignore c)) (throw 'stack-overflow :heap)))
                           (sb-int:simple-program-error
                             (lambda (c)
                               (let ((name (innermost-zoot-function))
                                     (text (princ-to-string c)))
                                 (when (and name (search "invalid number of arguments" text))
                                   (simple-fail (arity-message name text))))))
                           (error
                             (lambda (c)
                               (simple-fail (remove #\Newline (princ-to-string c))))))
              (call-zoot "main" *command-line*)
              nil))))
    (case overflow
      ((t) (simple-fail "stack overflow (recursion too deep)"))
      (:heap (simple-fail "heap exhausted"))))
  (call-zoot "exit" 0))

(defun build-image (sources image outdir)
  (ensure-directories-exist outdir)
  (dolist (source sources)
    (load-zoot-file source outdir))
  (sb-ext:save-lisp-and-die image :toplevel #'zoot-toplevel :executable nil))
