;; life.scm -- array code: Conway's game of life on a 64x64 torus, a
;; flat vector of fixnums per generation, 100 generations from a
;; pseudo-random start.  Out: the live cells at the end.
(import (scheme base) (harness))

(define (step board next n)
  (do ((y 0 (+ y 1))) ((= y n))
    (do ((x 0 (+ x 1))) ((= x n))
      (let ((count 0))
        (do ((dy -1 (+ dy 1))) ((> dy 1))
          (do ((dx -1 (+ dx 1))) ((> dx 1))
            (if (not (and (= dx 0) (= dy 0)))
                (set! count (+ count (vector-ref board (+ (modulo (+ x dx) n)
                                                          (* n (modulo (+ y dy) n)))))))))
        (let ((alive (vector-ref board (+ x (* n y)))))
          (vector-set! next (+ x (* n y))
                       (if (or (= count 3) (and (= count 2) (= alive 1))) 1 0)))))))

(define (run n generations)
  (let ((a (make-vector (* n n) 0)) (b (make-vector (* n n) 0)))
    (let loop ((i 0) (s 7))
      (if (< i (* n n))
          (begin (vector-set! a i (if (< (remainder s 100) 35) 1 0))
                 (loop (+ i 1) (remainder (+ (* s 1103) 12345) 65536)))))
    (let loop ((g 0) (a a) (b b))
      (if (= g generations)
          (let count ((i 0) (c 0))
            (if (= i (* n n)) c (count (+ i 1) (+ c (vector-ref a i)))))
          (begin (step a b n) (loop (+ g 1) b a))))))

(run-benchmark "life" 5 (lambda () (run (hide 64) 100)) 453)
