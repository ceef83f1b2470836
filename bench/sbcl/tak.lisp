;;;; tak.lisp -- benchmark: (tak 18 12 6) 1000 times, printing the sum;
;;;; the SBCL counterpart of bench/programs/tak.zt.
(declaim (optimize speed))

(declaim (ftype (function (fixnum fixnum fixnum) fixnum) tak))
(defun tak (x y z)
  (declare (fixnum x y z))
  (if (not (< y x))
      z
      (tak (tak (- x 1) y z)
           (tak (- y 1) z x)
           (tak (- z 1) x y))))

(defun repeat (n total)
  (declare (fixnum n total))
  (if (= n 0)
      total
      (repeat (- n 1) (the fixnum (+ total (tak 18 12 6))))))

(format t "~D~%" (repeat 1000 0))
