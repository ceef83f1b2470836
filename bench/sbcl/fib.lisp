;;;; fib.lisp -- benchmark: doubly recursive Fibonacci, (fib 35); the
;;;; SBCL counterpart of bench/programs/fib.zt, with fixnum declarations.
(declaim (optimize speed))

(declaim (ftype (function (fixnum) fixnum) fib))
(defun fib (n)
  (declare (fixnum n))
  (if (< n 2)
      n
      (the fixnum (+ (fib (- n 1)) (fib (- n 2))))))

(format t "~D~%" (fib 35))
