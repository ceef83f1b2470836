;;;; nqueens.lisp -- benchmark: the placements of 10 queens counted 40
;;;; times; the SBCL counterpart of bench/programs/nqueens.zt (the same
;;;; list-based search).
(declaim (optimize speed))

(defun one-to (n)
  (declare (fixnum n))
  (let ((l '()))
    (loop for i of-type fixnum from n downto 1 do (push i l))
    l))

(declaim (ftype (function (fixnum fixnum list) t) ok-p))
(defun ok-p (row dist placed)
  (declare (fixnum row dist))
  (or (null placed)
      (and (/= (the fixnum (car placed)) (+ row dist))
           (/= (the fixnum (car placed)) (- row dist))
           (ok-p row (+ dist 1) (cdr placed)))))

(declaim (ftype (function (list list list) fixnum) try))
(defun try (x y z)
  (if (null x)
      (if (null y) 1 0)
      (the fixnum
           (+ (if (ok-p (car x) 1 z)
                  (try (append (cdr x) y) '() (cons (car x) z))
                  0)
              (try (cdr x) (cons (car x) y) z)))))

(defun queens (n) (try (one-to n) '() '()))

(defun repeat (k total)
  (declare (fixnum k total))
  (if (= k 0)
      total
      (repeat (- k 1) (the fixnum (+ total (the fixnum (queens 10)))))))

(format t "~D~%" (repeat 40 0))
