;;;; strings.lisp -- benchmark: string building through a string output
;;;; stream, pieces made by concatenating number-to-string results;
;;;; the SBCL counterpart of bench/programs/strings.zt.
(declaim (optimize speed))

(defun number->string (n)
  (declare (fixnum n))
  (princ-to-string n))

(defun piece (i)
  (declare (fixnum i))
  (concatenate 'string "<" (number->string i) ":" (number->string (* i 7)) ">"))

(defun build (n)
  (declare (fixnum n))
  (let ((port (make-string-output-stream)))
    (loop for i of-type fixnum from 0 below n
          do (write-string (piece i) port))
    (get-output-stream-string port)))

(defun checksum (s)
  (declare (simple-string s))
  (let ((h 0))
    (declare (fixnum h))
    (loop for c across s
          do (setf h (mod (+ (* h 31) (char-code c)) 1000000007)))
    h))

(defun repeat (k total last)
  (declare (fixnum k total last))
  (if (= k 0)
      (format t "~D ~D~%" total last)
      (let ((s (build 10000)))
        (repeat (- k 1) (the fixnum (+ total (length s))) (checksum s)))))

(repeat 100 0 0)
