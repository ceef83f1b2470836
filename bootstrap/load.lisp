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

(defun zoot-toplevel ()
  "Entry point of the saved image: run Zoot's main with the arguments."
  (setf *command-line* (rest sb-ext:*posix-argv*))
  (handler-bind ((sb-sys:interactive-interrupt
                   (lambda (c) (declare (ignore c)) (sb-ext:exit :code 130 :abort t)))
                 (sb-kernel::control-stack-exhausted
                   (lambda (c) (declare (ignore c))
                     (simple-fail "stack overflow (too many nested calls)")))
                 (storage-condition
                   (lambda (c) (declare (ignore c))
                     (simple-fail "heap exhausted")))
                 (error
                   (lambda (c)
                     (simple-fail (remove #\Newline (princ-to-string c))))))
    (call-zoot "main" *command-line*))
  (call-zoot "exit" 0))

(defun build-image (sources image outdir)
  (ensure-directories-exist outdir)
  (dolist (source sources)
    (load-zoot-file source outdir))
  (sb-ext:save-lisp-and-die image :toplevel #'zoot-toplevel :executable nil))
