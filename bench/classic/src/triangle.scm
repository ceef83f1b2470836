;; triangle.scm -- the 15-hole triangle peg solitaire: counts every
;; sequence of jumps that leaves one peg, starting with the top hole
;; empty, by depth-first search on a vector board and a move table.
;; Out: the number of winning sequences.
(import (scheme base) (scheme cxr) (harness))

;; Holes numbered row by row: 0 / 1 2 / 3 4 5 / 6 7 8 9 / 10 ... 14.
;; A move (from over to): the peg at from jumps over over into to.
(define lines
  '((0 1 3) (1 3 6) (3 6 10) (2 4 7) (4 7 11) (5 8 12) (0 2 5) (2 5 9)
    (5 9 14) (1 4 8) (4 8 13) (3 7 12) (3 4 5) (6 7 8) (7 8 9) (10 11 12)
    (11 12 13) (12 13 14)))

(define moves
  (list->vector
   (let loop ((l lines) (acc '()))
     (if (null? l) acc
         (let ((a (car (car l))) (b (cadr (car l))) (c (caddr (car l))))
           (loop (cdr l) (cons (vector a b c) (cons (vector c b a) acc))))))))

(define (solutions board pegs)
  (if (= pegs 1)
      1
      (let loop ((i 0) (count 0))
        (if (= i (vector-length moves))
            count
            (let* ((m (vector-ref moves i))
                   (from (vector-ref m 0)) (over (vector-ref m 1)) (to (vector-ref m 2)))
              (if (and (vector-ref board from) (vector-ref board over) (not (vector-ref board to)))
                  (begin
                    (vector-set! board from #f)
                    (vector-set! board over #f)
                    (vector-set! board to #t)
                    (let ((n (solutions board (- pegs 1))))
                      (vector-set! board from #t)
                      (vector-set! board over #t)
                      (vector-set! board to #f)
                      (loop (+ i 1) (+ count n))))
                  (loop (+ i 1) count)))))))

(define (run empty)
  (let ((board (make-vector 15 #t)))
    (vector-set! board empty #f)
    (solutions board 14)))

(run-benchmark "triangle" 5 (lambda () (run (hide 0))) 29760)
