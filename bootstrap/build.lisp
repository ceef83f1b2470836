;;;; bootstrap/build.lisp -- the script SBCL runs to build the Zoot image.
;;;;
;;;; Usage: sbcl --non-interactive --no-userinit --load bootstrap/build.lisp \
;;;;             OUTPUT.core SOURCE.zt ...
;;;; Loads the bootstrap layer, then the Zoot sources in the order given,
;;;; and saves the image (see load.lisp).

(setf *compile-verbose* nil *load-verbose* nil)
(let ((here (directory-namestring *load-truename*)))
  (dolist (file '("reader" "translate" "primitives" "load"))
    (load (compile-file (merge-pathnames (concatenate 'string file ".lisp") here)
                        :output-file (merge-pathnames (concatenate 'string "../build/sbcl/boot-" file ".fasl") here)))))

(let* ((args (member "--" sb-ext:*posix-argv* :test #'string=))
       (image (second args))
       (sources (cddr args)))
  (zoot-boot::build-image sources image (directory-namestring (merge-pathnames image))))
