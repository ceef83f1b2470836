;; fft.scm -- the fast Fourier transform: an iterative radix-2 FFT of
;; 4096 complex points (real and imaginary parts in two flonum
;; vectors), then the inverse transform; the round trip must give the
;; input back.  Out: the largest round-trip error is below 1e-9, and the
;; rounded magnitude of one frequency component.
(import (scheme base) (scheme inexact) (harness))

(define pi (* 4. (atan 1.)))

(define (fft! re im inverse)
  (let ((n (vector-length re)))
    ;; bit-reversal permutation
    (let loop ((i 0) (j 0))
      (if (< i n)
          (begin
            (if (< i j)
                (let ((tr (vector-ref re i)) (ti (vector-ref im i)))
                  (vector-set! re i (vector-ref re j)) (vector-set! im i (vector-ref im j))
                  (vector-set! re j tr) (vector-set! im j ti)))
            (loop (+ i 1)
                  (let carry ((bit (quotient n 2)) (j j))
                    (if (and (> bit 0) (>= j bit)) (carry (quotient bit 2) (- j bit)) (+ j bit)))))))
    ;; butterflies
    (let stage ((size 2))
      (if (<= size n)
          (let* ((half (quotient size 2))
                 (angle (/ (* (if inverse 2. -2.) pi) size)))
            (do ((start 0 (+ start size))) ((= start n))
              (do ((k 0 (+ k 1))) ((= k half))
                (let* ((wr (cos (* angle k))) (wi (sin (* angle k)))
                       (a (+ start k)) (b (+ a half))
                       (br (vector-ref re b)) (bi (vector-ref im b))
                       (tr (- (* wr br) (* wi bi))) (ti (+ (* wr bi) (* wi br)))
                       (ar (vector-ref re a)) (ai (vector-ref im a)))
                  (vector-set! re b (- ar tr)) (vector-set! im b (- ai ti))
                  (vector-set! re a (+ ar tr)) (vector-set! im a (+ ai ti)))))
            (stage (* size 2)))))
    (if inverse
        (do ((i 0 (+ i 1))) ((= i n))
          (vector-set! re i (/ (vector-ref re i) n))
          (vector-set! im i (/ (vector-ref im i) n))))))

(define (run n)
  (let ((re (make-vector n 0.)) (im (make-vector n 0.)))
    (do ((i 0 (+ i 1))) ((= i n))
      (vector-set! re i (+ (sin (* 2. pi 5. (/ i n))) (* .5 (cos (* 2. pi 40. (/ i n))))))
      (vector-set! im i 0.))
    (let ((re0 (vector-copy re)))
      (fft! re im #f)
      (let ((peak (exact (round (sqrt (+ (square (vector-ref re 5)) (square (vector-ref im 5))))))))
        (fft! re im #t)
        (let loop ((i 0) (err 0.))
          (if (= i n)
              (list (< err 1e-9) peak)
              (loop (+ i 1) (max err (abs (- (vector-ref re i) (vector-ref re0 i)))
                                 (abs (vector-ref im i))))))))))

(run-benchmark "fft" 20 (lambda () (run (hide 4096))) '(#t 2048))
