;;;; alloc.lisp -- benchmark: short-lived lists (build 10000, reverse,
;;;; map through a closure, sum; 1000 times); the SBCL counterpart of
;;;; bench/programs/alloc.zt.
(declaim (optimize speed))

(defun build (n)
  (declare (fixnum n))
  (let ((l '()))
    (loop for i of-type fixnum from n downto 1 do (push i l))
    l))

(defun sum (l)
  (let ((s 0))
    (declare (fixnum s))
    (dolist (x l s)
      (setf s (the fixnum (+ s (the fixnum x)))))))

(defun one-round (k)
  (declare (fixnum k))
  (let* ((l (build 10000))
         (r (reverse l))
         (m (mapcar (lambda (x) (the fixnum (+ (the fixnum x) k))) r)))
    (the fixnum (+ (the fixnum (sum m)) (length l)))))

(defun repeat (k total)
  (declare (fixnum k total))
  (if (= k 0)
      total
      (repeat (- k 1) (the fixnum (+ total (the fixnum (one-round k)))))))

(format t "~D~%" (repeat 1000 0))
