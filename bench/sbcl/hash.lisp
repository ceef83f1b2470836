;;;; hash.lisp -- benchmark: an eql hash table with fixnum keys (10
;;;; rounds of 100000 inserts, 200000 lookups, 50000 deletions, 100000
;;;; lookups); the SBCL counterpart of bench/programs/hash.zt.
(declaim (optimize speed))

(defconstant +n+ 100000)

(defun one-round ()
  (let ((table (make-hash-table :test 'eql))
        (hits 0)
        (sum 0))
    (declare (fixnum hits sum))
    (loop for i of-type fixnum from 0 below +n+
          do (setf (gethash (* i 7) table) i))
    (loop for i of-type fixnum from 0 below +n+
          do (let ((v (gethash (* i 7) table))
                   (w (gethash (+ (* i 7) 3) table)))
               (when v (incf hits) (incf sum (the fixnum v)))
               (when w (incf hits))))
    (loop for i of-type fixnum from 0 below +n+ by 2
          do (remhash (* i 7) table))
    (loop for i of-type fixnum from 0 below +n+
          do (let ((v (gethash (* i 7) table)))
               (when v (incf hits) (incf sum (the fixnum v)))))
    (values hits sum (hash-table-count table))))

(defun repeat (k hits sum size)
  (declare (fixnum k hits sum size))
  (if (= k 0)
      (format t "~D ~D ~D~%" hits sum size)
      (multiple-value-bind (h s c) (one-round)
        (declare (fixnum h s c))
        (repeat (- k 1) (+ hits h) (+ sum s) (+ size c)))))

(repeat 10 0 0 0)
