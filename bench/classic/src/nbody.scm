;; nbody.scm -- an n-body simulation: five bodies (a sun and four
;; planets with made-up orbits, in units where G = 1) as records with
;; mutable flonum fields, advanced 20000 steps of leapfrog integration.
;; Out: the total energy before and after, rounded to 9 decimals (the
;; leapfrog steps keep it to 2e-6).
(import (scheme base) (scheme inexact) (harness))

(define-record-type body
  (make-body x y z vx vy vz mass)
  body?
  (x body-x set-body-x!) (y body-y set-body-y!) (z body-z set-body-z!)
  (vx body-vx set-body-vx!) (vy body-vy set-body-vy!) (vz body-vz set-body-vz!)
  (mass body-mass))

(define (make-system)
  (list (make-body 0. 0. 0. 0. 0. 0. 1000.)
        (make-body 10. 0. 0. 0. 10. 0.1 1.)
        (make-body 0. 20. 0. -7. 0. 0. .5)
        (make-body -30. 0. 1. 0. -5.8 0. 2.)
        (make-body 0. -45. 0. 4.7 0. .2 .1)))

(define (energy bodies)
  (let loop ((bs bodies) (e 0.))
    (if (null? bs)
        e
        (let* ((b (car bs))
               (e (+ e (* .5 (body-mass b)
                          (+ (* (body-vx b) (body-vx b)) (* (body-vy b) (body-vy b))
                             (* (body-vz b) (body-vz b)))))))
          (loop (cdr bs)
                (let inner ((os (cdr bs)) (e e))
                  (if (null? os)
                      e
                      (let* ((o (car os)) (dx (- (body-x b) (body-x o)))
                             (dy (- (body-y b) (body-y o))) (dz (- (body-z b) (body-z o))))
                        (inner (cdr os)
                               (- e (/ (* (body-mass b) (body-mass o))
                                       (sqrt (+ (* dx dx) (* dy dy) (* dz dz))))))))))))))

(define (advance! bodies dt)
  (let loop ((bs bodies))
    (if (pair? bs)
        (let ((b (car bs)))
          (for-each
           (lambda (o)
             (let* ((dx (- (body-x b) (body-x o))) (dy (- (body-y b) (body-y o)))
                    (dz (- (body-z b) (body-z o)))
                    (d2 (+ (* dx dx) (* dy dy) (* dz dz)))
                    (mag (/ dt (* d2 (sqrt d2))))
                    (mb (* (body-mass b) mag)) (mo (* (body-mass o) mag)))
               (set-body-vx! b (- (body-vx b) (* dx mo)))
               (set-body-vy! b (- (body-vy b) (* dy mo)))
               (set-body-vz! b (- (body-vz b) (* dz mo)))
               (set-body-vx! o (+ (body-vx o) (* dx mb)))
               (set-body-vy! o (+ (body-vy o) (* dy mb)))
               (set-body-vz! o (+ (body-vz o) (* dz mb)))))
           (cdr bs))
          (loop (cdr bs)))))
  (for-each (lambda (b)
              (set-body-x! b (+ (body-x b) (* dt (body-vx b))))
              (set-body-y! b (+ (body-y b) (* dt (body-vy b))))
              (set-body-z! b (+ (body-z b) (* dt (body-vz b)))))
            bodies))

(define (round9 x) (/ (round (* x 1e9)) 1e9))

(define (run steps)
  (let* ((bodies (make-system)) (before (energy bodies)))
    (do ((i 0 (+ i 1))) ((= i steps)) (advance! bodies .001))
    (let ((after (energy bodies)))
      (list (round9 before) (round9 after)))))

(run-benchmark "nbody" 10 (lambda () (run (hide 20000))) '(-96.957088003 -96.957236028))
