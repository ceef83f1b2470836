;; mandel.scm -- the Mandelbrot set: for each point of a 200x200 grid
;; over [-2, 0.5] x [-1.25, 1.25], iterate z := z^2 + c (flonums, real
;; and imaginary parts separate) up to 100 times.  Out: the number of
;; points that did not escape.
(import (scheme base) (harness))

(define (escapes? cr ci limit)
  (let loop ((zr 0.) (zi 0.) (i 0))
    (cond ((= i limit) #f)
          ((> (+ (* zr zr) (* zi zi)) 4.) #t)
          (else (loop (+ (- (* zr zr) (* zi zi)) cr) (+ (* 2. zr zi) ci) (+ i 1))))))

(define (run n)
  (let ((step-r (/ 2.5 n)) (step-i (/ 2.5 n)))
    (let rows ((y 0) (count 0))
      (if (= y n)
          count
          (rows (+ y 1)
                (let cols ((x 0) (count count))
                  (if (= x n)
                      count
                      (cols (+ x 1)
                            (if (escapes? (+ -2. (* x step-r)) (+ -1.25 (* y step-i)) 100)
                                count
                                (+ count 1))))))))))

(run-benchmark "mandel" 20 (lambda () (run (hide 200))) 9949)
