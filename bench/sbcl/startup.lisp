;;;; startup.lisp -- benchmark: nothing but start-up and exit; the SBCL
;;;; counterpart of bench/programs/startup.zt.  Prints 0.
(format t "~D~%" 0)
