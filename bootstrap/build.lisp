;;;; bootstrap/build.lisp -- the script the host Lisp runs to build the Zoot image.
;;;;
;;;; Usage: sbcl --non-interactive --no-userinit --load bootstrap/build.lisp -- IMAGE SOURCE.zt ...
;;;;        ecl --norc --load bootstrap/build.lisp -- IMAGE SOURCE.zt ...
;;;;        clisp -q -norc bootstrap/build.lisp IMAGE SOURCE.zt ...
;;;; Loads the bootstrap layer (the host's own file second), then the
;;;; Zoot sources in the order given, and saves the image (see load.lisp)
;;;; in IMAGE's directory, where the compiled files go too.

(setf *compile-verbose* nil *load-verbose* nil *compile-print* nil)
(defvar *boot-fasls* '())
(let* ((here (directory-namestring *load-truename*))
       (host #+sbcl "host-sbcl" #+ecl "host-ecl" #+clisp "host-clisp")
       (args #+sbcl (rest (member "--" sb-ext:*posix-argv* :test #'string=))
             #+ecl (rest (member "--" (ext:command-args) :test #'string=))
             #+clisp ext:*args*)
       (image (first args))
       (outdir (directory-namestring (merge-pathnames image))))
  (ensure-directories-exist outdir)
  (dolist (file (list "reader" host "translate" "primitives" "load"))
    (let ((fasl (compile-file (merge-pathnames (concatenate 'string file ".lisp") here)
                              :output-file (compile-file-pathname
                                            (merge-pathnames (concatenate 'string "boot-" file ".lisp") outdir)))))
      (unless fasl
        (format *error-output* "bootstrap: cannot compile bootstrap/~a.lisp~%" file)
        #+sbcl (sb-ext:exit :code 1 :abort t) #+ecl (ext:quit 1) #+clisp (ext:exit 1))
      (load fasl)
      (push fasl *boot-fasls*)))
  (funcall (intern "BUILD-IMAGE" :zoot-boot) (rest args) image outdir (reverse *boot-fasls*)))
