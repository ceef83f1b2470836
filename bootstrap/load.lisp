;;;; bootstrap/load.lisp -- load Zoot sources into the host Lisp and save an image.
;;;;
;;;; In:  the list of Zoot source files (command line after --), in order.
;;;; Out: the image (build/HOST/zoot.core, .mem or .image: see the host
;;;;      file's host-save-image) whose toplevel calls the Zoot procedure
;;;;      `main` with the command line.
;;;;
;;;; Each source file is read (reader.lisp), translated to CL
;;;; (translate.lisp), written next to the image as NN-NAME.lisp (NN its
;;;; place in the load order) so a reader can see what the host
;;;; compiles, then compiled with compile-file and loaded.

(in-package :zoot-boot)

(defun translated-path (source index outdir)
  (merge-pathnames (make-pathname :name (format nil "~2,'0d-~a" index (pathname-name source))
                                  :type "lisp")
                   outdir))

(defun translate-file (source index outdir)
  (let ((out-path (translated-path source index outdir)))
    (with-open-file (out out-path :direction :output :if-exists :supersede
                                  :external-format +utf-8+)
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

;;; The compiled file, loaded.
(defun load-zoot-file (source index outdir)
  (let* ((lisp (translate-file source index outdir))
         (fasl (compile-file-pathname lisp)))
    (unless (host-compile-and-load lisp fasl)
      (format *error-output* "bootstrap: ~a failed to compile ~a~%" *host-name* lisp)
      (host-exit 1))
    fasl))

;;; "wrong number of arguments to car: expected 1, got 2", from the
;;; host's "invalid number of arguments: 2" and the primitive's lambda
;;; list (SBCL's; the other hosts say less).
(defun arity-message (name text)
  (let* ((got (parse-integer text :start (1+ (position #\: text)) :junk-allowed t))
         (sym (find-symbol name :zg))
         (lambda-list (and sym (fboundp sym) (host-lambda-list sym)))
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
  (setf *command-line* (host-args))
  (case (host-run-main (lambda () (call-zoot "main" *command-line*)))
    (:stack (simple-fail "stack overflow (recursion too deep)"))
    (:heap (simple-fail "heap exhausted")))
  (call-zoot "exit" 0))

;;; BOOT-FASLS are the compiled bootstrap files, which an image of
;;; compiled files (ECL's) must load first.
(defun build-image (sources image outdir boot-fasls)
  (ensure-directories-exist outdir)
  (let ((fasls (loop for source in sources
                     for index from 1
                     collect (load-zoot-file source index outdir))))
    (host-save-image image (append boot-fasls fasls) #'zoot-toplevel)))
