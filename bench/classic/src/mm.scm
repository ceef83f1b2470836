;; mm.scm -- matrix multiplication: two 60x60 matrices of flonums as
;; vectors of vectors, multiplied with three nested loops.  Out: the
;; trace of the product rounded to an exact integer.
(import (scheme base) (harness))

(define (make-matrix n f)
  (let ((m (make-vector n)))
    (do ((i 0 (+ i 1))) ((= i n) m)
      (let ((row (make-vector n)))
        (do ((j 0 (+ j 1))) ((= j n)) (vector-set! row j (f i j)))
        (vector-set! m i row)))))

(define (mat* a b n)
  (make-matrix n (lambda (i j)
                   (let ((ai (vector-ref a i)))
                     (do ((k 0 (+ k 1))
                          (s 0. (+ s (* (vector-ref ai k) (vector-ref (vector-ref b k) j)))))
                         ((= k n) s))))))

(define (mtrace m n)
  (do ((i 0 (+ i 1)) (s 0. (+ s (vector-ref (vector-ref m i) i)))) ((= i n) s)))

(define (run n)
  (let ((a (make-matrix n (lambda (i j) (inexact (/ (+ i j) 8)))))
        (b (make-matrix n (lambda (i j) (inexact (- (remainder (* i j) 7) 3))))))
    (exact (round (mtrace (mat* a b n) n)))))

(run-benchmark "mm" 20 (lambda () (run (hide 60))) -11909)
